import "server-only";
import { Resvg } from "@resvg/resvg-js";

/** SVG → PNG at twice the size, with the machine's fonts (resvg: no browser, no network). */
export function rasterise(svg: string): Buffer {
  const resvg = new Resvg(svg, {
    fitTo: { mode: "zoom", value: 2 },
    font: { loadSystemFonts: true, defaultFontFamily: "DejaVu Sans", sansSerifFamily: "DejaVu Sans" },
  });
  return resvg.render().asPng();
}
