import { expect, test } from "../support/fixtures";
import { ReleasePage } from "../support/release-page";

// Two browsers on a release the demo traffic feeds: keep the charts to one metric over the last
// hour, so a busy machine spends its time on the editing this spec is about.
const VIEW = "range=1h&metrics=error-rate";

test("two people edit the same release: the second save is refused and shows the current values", async ({
  pageAs,
}) => {
  test.setTimeout(120_000);
  const erin = new ReleasePage(await pageAs("Erin Editor"));
  const sam = new ReleasePage(await pageAs("Sam Sre"));
  await erin.goto("acme", "fast-image-cdn", "production", VIEW);
  await sam.goto("acme", "fast-image-cdn", "production", VIEW);

  await erin.typePercent("Mobile app users", "12.5");
  await erin.save();
  await expect(erin.page.getByRole("status")).toContainText("Saved");

  // Sam's page still shows the old version; his save must not overwrite Erin's.
  await sam.typePercent("Mobile app users", "20");
  await expect(sam.page.getByRole("list", { name: "Pending changes" })).toContainText("→ 20%");
  await sam.save();
  const conflict = sam.page.getByTestId("conflict");
  await expect(conflict).toContainText("Not saved");
  await expect(conflict).toContainText("Erin Editor");
  await expect(conflict).toContainText("Mobile app users: 12.5%");

  await sam.page.reload();
  await expect(sam.percentInput("Mobile app users")).toHaveValue("12.5");

  // Starting again from the current values works.
  await sam.typePercent("Mobile app users", "20");
  await sam.save();
  await expect(sam.page.getByRole("status")).toContainText("Saved");
  await erin.page.reload();
  await expect(erin.percentInput("Mobile app users")).toHaveValue("20");
});
