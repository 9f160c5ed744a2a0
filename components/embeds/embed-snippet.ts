/** What a team pastes into its page: the frame, and a listener that sizes it to its content. */
export function embedSnippet(origin: string, token: string, title: string): string {
  const src = `${origin}/embed/${token}`;
  const safeTitle = title.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);
  return [
    `<iframe src="${src}" title="${safeTitle}" width="100%" height="480" style="border:0" loading="lazy"></iframe>`,
    `<script>addEventListener("message",function(e){if(e.origin!=="${origin}"||!e.data||e.data.type!=="glidepath-embed:resize")return;document.querySelectorAll("iframe").forEach(function(f){if(f.contentWindow===e.source)f.height=e.data.height})})</script>`,
  ].join("\n");
}
