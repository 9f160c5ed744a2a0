import { describe, expect, it } from "vitest";
import { MetricsBackendError } from "../metric-types";
import { checkPromqlTemplate, renderPromqlTemplate, type PromqlTemplateValues } from "./promql-template";

const values: PromqlTemplateValues = {
  environment: "production",
  release: "checkout",
  cohort: "beta",
  variant: "treatment",
  window: "5m",
};

const ERROR_RATE =
  'sum(rate(errors_total{environment="$environment", release="$release", cohort="$cohort", variant="$variant"}[$window]))' +
  ' / sum(rate(requests_total{environment="$environment", release="$release", cohort="$cohort", variant="$variant"}[$window]))';
const LATENCY =
  'histogram_quantile($quantile, sum by (le) (rate(latency_bucket{release="$release",cohort="$cohort",variant="$variant"}[$window])))';

describe("renderPromqlTemplate", () => {
  it("fills every placeholder", () => {
    expect(renderPromqlTemplate(ERROR_RATE, values)).toBe(
      'sum(rate(errors_total{environment="production", release="checkout", cohort="beta", variant="treatment"}[5m]))' +
        ' / sum(rate(requests_total{environment="production", release="checkout", cohort="beta", variant="treatment"}[5m]))',
    );
    expect(renderPromqlTemplate(LATENCY, { ...values, quantile: "0.95" })).toBe(
      'histogram_quantile(0.95, sum by (le) (rate(latency_bucket{release="checkout",cohort="beta",variant="treatment"}[5m])))',
    );
  });

  it("accepts ${name} as well as $name", () => {
    expect(renderPromqlTemplate('x{cohort="${cohort}x"}[${window}]', values)).toBe('x{cohort="betax"}[5m]');
  });

  it("keeps a hostile cohort key inside its label value", () => {
    const rendered = renderPromqlTemplate('up{cohort="$cohort", variant="$variant"}', {
      ...values,
      cohort: 'a"} or vector(1) #',
    });
    expect(rendered).toBe('up{cohort="a\\"} or vector(1) #", variant="treatment"}');
  });

  it("escapes backslashes and newlines", () => {
    expect(renderPromqlTemplate('up{cohort="$cohort"}', { ...values, cohort: "we\\ird\nname" })).toBe(
      'up{cohort="we\\\\ird\\nname"}',
    );
  });

  it("escapes for the quote the template used", () => {
    expect(renderPromqlTemplate("up{cohort='$cohort'}", { ...values, cohort: `it's "x"` })).toBe(
      `up{cohort='it\\'s "x"'}`,
    );
  });

  it("regex-quotes a value in a =~ or !~ matcher, so it matches only itself", () => {
    const template = 'up{cohort=~"$cohort|default", variant !~ "$variant"}';
    expect(renderPromqlTemplate(template, { ...values, cohort: "a.b" })).toBe(
      'up{cohort=~"a\\\\.b|default", variant !~ "treatment"}',
    );
    expect(renderPromqlTemplate('up{cohort="$cohort"}', { ...values, cohort: "a.b" })).toBe('up{cohort="a.b"}');
  });

  it("leaves $ that is not a placeholder alone (regex anchors, label_replace groups)", () => {
    const template = 'label_replace(up{job=~"api$", cohort="$cohort"}, "x", "$1", "y", "(.*)")';
    expect(renderPromqlTemplate(template, values)).toBe(
      'label_replace(up{job=~"api$", cohort="beta"}, "x", "$1", "y", "(.*)")',
    );
  });

  it("leaves placeholders in comments alone", () => {
    expect(renderPromqlTemplate('# per $cohort\nup{cohort="$cohort"}', values)).toBe(
      '# per $cohort\nup{cohort="beta"}',
    );
  });

  it("refuses a label placeholder outside a string, where escaping cannot protect it", () => {
    expect(() => renderPromqlTemplate("up{cohort=$cohort}", values)).toThrow(MetricsBackendError);
    expect(() => renderPromqlTemplate("up{cohort=$cohort}", values)).toThrow(
      '$cohort must sit inside a quoted label value, like cohort="$cohort"',
    );
    expect(() => renderPromqlTemplate("up{cohort=`$cohort`}", values)).toThrow(
      "$cohort must sit inside a quoted label value",
    );
  });

  it("refuses unknown placeholders, $quantile without a quantile and unclosed strings", () => {
    expect(() => renderPromqlTemplate('up{x="$colour"}', values)).toThrow("unknown placeholder $colour");
    expect(() => renderPromqlTemplate("histogram_quantile($quantile, x)", values)).toThrow("$quantile only applies");
    expect(() => renderPromqlTemplate('up{cohort="$cohort}', values)).toThrow("not closed");
    expect(() => renderPromqlTemplate('up{cohort="$cohort\n"}', values)).toThrow("not closed");
  });

  it("does not end a string at an escaped quote", () => {
    expect(renderPromqlTemplate('up{a="\\"", cohort="$cohort"}', values)).toBe('up{a="\\"", cohort="beta"}');
  });
});

describe("checkPromqlTemplate", () => {
  it("accepts well-formed templates", () => {
    expect(checkPromqlTemplate(ERROR_RATE, "error_rate")).toEqual([]);
    expect(checkPromqlTemplate(LATENCY, "latency")).toEqual([]);
    expect(
      checkPromqlTemplate(
        'sum(increase(requests_total{release="$release",cohort="$cohort",variant="$variant"}[$window]))',
        "latency",
        "samples",
      ),
    ).toEqual([]);
  });

  it("reports an empty query", () => {
    expect(checkPromqlTemplate("  ", "count")).toEqual(["The query is empty"]);
  });

  it("reports unknown placeholders once each", () => {
    const problems = checkPromqlTemplate(
      'x{release="$release",cohort="$cohort",variant="$variant",a="$colour",b="$colour"}',
      "count",
    );
    expect(problems).toEqual([
      "Unknown placeholder $colour (known: $environment, $release, $cohort, $variant, $window, $quantile)",
    ]);
  });

  it("requires $release, $cohort and $variant", () => {
    expect(checkPromqlTemplate('sum(rate(x{cohort="$cohort"}[$window]))', "count")).toEqual([
      "The query must use $release so the series belong to the release on the page",
      "The query must use $variant so treatment and control get their own series",
    ]);
    // A mention in a comment is no use.
    expect(checkPromqlTemplate('# $release $variant\nx{cohort="$cohort"}', "count")).toHaveLength(2);
  });

  it("wants $quantile in a latency query and nowhere else", () => {
    const withoutQuantile = 'histogram_quantile(0.95, x{release="$release",cohort="$cohort",variant="$variant"})';
    expect(checkPromqlTemplate(withoutQuantile, "latency")).toEqual([
      "A latency query needs $quantile, as in histogram_quantile($quantile, ...)",
    ]);
    expect(checkPromqlTemplate(LATENCY, "mean")).toEqual(["$quantile only applies to latency metrics"]);
    expect(checkPromqlTemplate(LATENCY, "latency", "samples")).toEqual([
      "$quantile does not belong in the sample query: the count is the same for p50, p95 and p99",
    ]);
  });

  it("reports label placeholders outside a quoted string and unclosed strings", () => {
    expect(checkPromqlTemplate('x{release=$release,cohort=`$cohort`,variant="$variant"}', "count")).toEqual([
      '$release must sit inside a quoted label value, like release="$release"',
      '$cohort must sit inside a quoted label value, like cohort="$cohort"',
    ]);
    expect(checkPromqlTemplate('x{release="$release",cohort="$cohort",variant="$variant}', "count")).toEqual([
      "A quoted string is not closed (PromQL strings end on the same line)",
    ]);
  });

  it("agrees with renderPromqlTemplate: a template without problems renders", () => {
    for (const [template, kind] of [
      [ERROR_RATE, "error_rate"],
      [LATENCY, "latency"],
    ] as const) {
      expect(checkPromqlTemplate(template, kind)).toEqual([]);
      expect(() =>
        renderPromqlTemplate(template, { ...values, quantile: kind === "latency" ? "0.5" : undefined }),
      ).not.toThrow();
    }
  });
});
