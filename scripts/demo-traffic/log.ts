/** One prefixed line, so the generator's output stands out next to the server's under npm start. */
export function log(message: string): void {
  console.log(`[demo-traffic] ${message}`);
}

export function warn(message: string): void {
  console.warn(`[demo-traffic] ${message}`);
}

export const formatCount = (n: number) => n.toLocaleString("en-US");
