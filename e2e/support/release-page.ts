import { expect, type Page } from "@playwright/test";

/** Helpers that read and drive the release page the way a person does. */
export class ReleasePage {
  constructor(readonly page: Page) {}

  /** `view` narrows the charts (e.g. "range=1h&metrics=error-rate") for specs about the rollout, not the charts. */
  async goto(team: string, key: string, env = "production", view = "") {
    await this.page.goto(`/teams/${team}/releases/${key}?env=${env}${view ? `&${view}` : ""}`);
    await expect(this.page.getByRole("heading", { name: /Rollout in/ })).toBeVisible();
  }

  slider(cohortName: string) {
    return this.page.getByRole("slider", { name: cohortName, exact: true });
  }

  percentInput(cohortName: string) {
    return this.page.getByRole("textbox", { name: `${cohortName} percentage`, exact: true });
  }

  async typePercent(cohortName: string, value: string) {
    const input = this.percentInput(cohortName);
    await input.fill(value);
    await input.press("Enter");
  }

  /** Drags the slider's thumb with the mouse to a fraction of the track's width. */
  async dragTo(cohortName: string, fraction: number) {
    const thumb = this.slider(cohortName);
    const track = thumb.locator("xpath=ancestor::span[contains(@class,'touch-none')]");
    await thumb.scrollIntoViewIfNeeded();
    const box = await track.boundingBox();
    const thumbBox = await thumb.boundingBox();
    if (!box || !thumbBox) throw new Error(`slider for ${cohortName} is not visible`);
    await this.page.mouse.move(thumbBox.x + thumbBox.width / 2, thumbBox.y + thumbBox.height / 2);
    await this.page.mouse.down();
    await this.page.mouse.move(box.x + box.width * fraction, box.y + box.height / 2, { steps: 12 });
    await this.page.mouse.up();
  }

  async save() {
    await this.page.getByRole("button", { name: /^Save \d+ changes?$/ }).click();
  }

  /** A command the approval policy holds: the dialog offers "Request approval to …" instead. */
  async requestCommand(buttonName: string, comment = "") {
    await this.page.getByRole("button", { name: buttonName, exact: true }).click();
    const dialog = this.page.getByRole("dialog");
    await expect(dialog.getByRole("note", { name: "Needs approval" })).toBeVisible();
    if (comment) await dialog.getByLabel("Comment for approvers").fill(comment);
    await dialog.getByRole("button", { name: `Request approval to ${buttonName.toLowerCase()}`, exact: true }).click();
    await expect(dialog).toBeHidden();
  }

  async requestApproval(comment = "") {
    if (comment) await this.page.getByLabel("Comment for approvers").fill(comment);
    await this.page.getByRole("button", { name: /^Request approval for \d+ changes?$/ }).click();
  }

  async runCommand(buttonName: string) {
    await this.page.getByRole("button", { name: buttonName, exact: true }).click();
    const dialog = this.page.getByRole("dialog");
    await expect(dialog).toBeVisible();
    await dialog.getByRole("button", { name: buttonName, exact: true }).click();
    await expect(dialog).toBeHidden();
  }

  status() {
    return this.page.getByTestId("release-status");
  }

  auditEvents() {
    return this.page.getByRole("list", { name: "Audit events" }).getByRole("listitem");
  }
}
