import { expect, test } from "../support/fixtures";
import { ReleasePage } from "../support/release-page";

test("Who gets it? names the cohorts that matched and the winner, refuses malformed lines, never relabels an answer", async ({
  pageAs,
}) => {
  const vic = await pageAs("Vic Viewer");
  await new ReleasePage(vic).goto("acme", "new-checkout", "production", "range=1h&metrics=");
  const box = vic.getByRole("region", { name: "Who gets it?" });
  const key = box.getByLabel("Targeting key");
  const attributes = box.getByLabel(/Attributes/);
  const evaluate = box.getByRole("button", { name: "Evaluate in Production" });
  const result = box.getByTestId("evaluation-result");

  // A German iPhone user is both an EU shopper and a mobile app user: the first by priority decides.
  await key.fill("user-42");
  await attributes.fill("country=DE\nplatform=ios");
  await evaluate.click();
  await expect(result).toContainText("user-42 gets");
  const matches = result.getByTestId("cohort-matches");
  await expect(matches).toContainText(/^\d cohorts match this user\. .+ decides because it comes first by priority; /);
  await expect(matches).toContainText("EU shoppers");
  await expect(matches).toContainText("Mobile app users");
  // The winner named in the sentence is the cohort the answer is for.
  const winner = /match this user\. (.+?) decides/.exec((await matches.textContent())!)![1]!;
  await expect(result.locator("dd").first()).toHaveText(winner);
  // Reason codes come with words; no "bucket <" arithmetic.
  await expect(result).toContainText(/(Split by percentage \(SPLIT\)|Cohort at 0% or 100% \(TARGETING_MATCH\))/);
  await expect(result).toContainText(/(Exposed|Not exposed): /);
  await expect(result).not.toContainText("bucket <");

  // Editing the key afterwards doesn't relabel the old answer: it stays for user-42, and says so.
  await key.fill("user-43");
  await expect(result).toContainText("user-42 gets");
  await expect(result).not.toContainText("user-43");
  await expect(result.getByRole("status")).toContainText("The form has changed since this answer");

  // One cohort only: no "cohorts match" sentence.
  await attributes.fill("country=US");
  await evaluate.click();
  await expect(result).toContainText("user-43 gets");
  await expect(result).toContainText("US shoppers");
  await expect(result.getByTestId("cohort-matches")).toHaveCount(0);

  // A line without "=" is refused, naming it, and nothing is evaluated.
  await attributes.fill("country=DE\nplatform ios");
  await evaluate.click();
  await expect(box.getByRole("alert")).toHaveText("Line 2 “platform ios” has no “=”: write it as name=value");
  await expect(result).toHaveCount(0);
  await expect(attributes).toHaveAttribute("aria-invalid", "true");

  // The empty key is explained in words, without the field's code name.
  await attributes.fill("country=DE");
  await key.fill("");
  await evaluate.click();
  const alert = box.getByRole("alert");
  await expect(alert).toHaveText("Enter a targeting key: the user ID your application sends when it evaluates.");
  await expect(alert).not.toContainText("targetingKey");
});
