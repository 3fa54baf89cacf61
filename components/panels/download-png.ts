// The file name a panel's picture is saved under.

export function fileNameFor(title: string): string {
  const slug = title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
  return `sidelines-${slug || 'chart'}.png`;
}
