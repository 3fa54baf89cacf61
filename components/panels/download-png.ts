// Saves a panel (chart, map, matrix) as a PNG as it looks now, in the current light or dark theme.

export function fileNameFor(title: string): string {
  const slug = title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
  return `sidelines-${slug || 'chart'}.png`;
}

export async function downloadPng(node: HTMLElement, title: string): Promise<void> {
  // Loaded on demand: the library is only needed when someone asks for a picture.
  const { toPng } = await import('html-to-image');
  const background = getComputedStyle(node).backgroundColor || getComputedStyle(document.body).backgroundColor;
  const url = await toPng(node, {
    backgroundColor: background,
    pixelRatio: 2,
    cacheBust: false,
    // The panel's own buttons are not part of the picture.
    filter: (el) => !(el instanceof HTMLElement && el.dataset.noExport !== undefined),
  });
  const a = document.createElement('a');
  a.href = url;
  a.download = fileNameFor(title);
  document.body.appendChild(a);
  a.click();
  a.remove();
}
