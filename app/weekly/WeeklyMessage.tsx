import Link from 'next/link';

export function WeeklyMessage({ title, text }: { title: string; text: string }) {
  return (
    <main style={{ maxWidth: 640, margin: '64px auto', padding: 24 }}>
      <h1>{title}</h1>
      <p role="alert">{text}</p>
      <p>
        <Link href="/weekly">Latest week</Link> · <Link href="/">Dashboard</Link>
      </p>
    </main>
  );
}
