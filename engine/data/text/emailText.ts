/**
 * The part of a raw e-mail that the text task reads: the Subject header's value, a newline, and the
 * body. Every other header (From, Received, Message-ID, …) is dropped: they name servers, dates and
 * addresses that identify the corpus's collection rather than what a message says.
 *
 * - Headers end at the first empty line (`\n\n`, `\r\n\r\n`); a message without one is all headers.
 * - Folded header lines (a line starting with a space or tab continues the previous one) are joined.
 * - The first header named `Subject` (any case) is used; none gives an empty subject.
 * - The body is kept as it is, MIME part headers and HTML included; encoded words (=?…?=),
 *   quoted-printable and base64 are not decoded.
 */
export function subjectAndBody(message: string): string {
  const separator = /\r?\n\r?\n/.exec(message);
  const headers = separator === null ? message : message.slice(0, separator.index);
  const body = separator === null ? '' : message.slice(separator.index + separator[0].length);
  const unfolded = headers.replace(/\r?\n(?=[ \t])/g, ''); // RFC 5322 unfolding: drop the line break, keep the white space
  const subject = /^subject:(.*)$/im.exec(unfolded);
  return `${subject === null ? '' : subject[1]!.trim()}\n${body}`;
}
