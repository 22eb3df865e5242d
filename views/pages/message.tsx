import type { Translate } from "../../src/i18n/index.ts";

/**
 * A short page with one message and one way on: the rate-limit page and the
 * "please join first" page.
 */
export function MessagePage(props: {
  t: Translate;
  title: string;
  text: string;
  link?: { href: string; label: string };
}) {
  return (
    <>
      <h1>{props.title}</h1>
      <p>{props.text}</p>
      {props.link ? (
        <p>
          <a class="button primary" href={props.link.href}>
            {props.link.label}
          </a>
        </p>
      ) : null}
    </>
  );
}
