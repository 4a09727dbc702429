// A dead end for staff: an expired form, a used invitation. Says what happened and where to go next.
import { AuthFrame } from './AuthFrame';

export interface NoticeProps {
  title: string;
  body: string;
  link?: { href: string; label: string };
}

export function NoticePage(p: NoticeProps) {
  return (
    <AuthFrame title={p.title}>
      <h1>{p.title}</h1>
      <p>{p.body}</p>
      {p.link ? (
        <p>
          <a class="button" href={p.link.href}>
            {p.link.label}
          </a>
        </p>
      ) : null}
    </AuthFrame>
  );
}
