import { expect, test } from "../support/fixtures";

test("admins set the internal destinations webhooks may reach; an internal URL is refused until listed; other members never see the list", async ({
  pageAs,
  uniqueKey,
}) => {
  const admin = await pageAs("Ada Admin");
  await admin.goto("/teams/acme/webhooks");
  const list = admin.getByLabel("Allowed internal destinations");
  const port = 20_000 + Math.floor(Math.random() * 10_000);

  // Not listed: the form says why, on the URL field.
  const name = uniqueKey("internal-hook");
  await admin.getByLabel("Name", { exact: true }).fill(name);
  await admin.getByLabel("URL", { exact: true }).fill(`http://127.0.0.1:${port}/hook`);
  await admin.getByRole("button", { name: /Add webhook/ }).click();
  await expect(admin.getByText(/127\.0\.0\.1 is an internal address \(loopback\)/)).toBeVisible();

  await list.fill("not a host!");
  await admin.getByRole("button", { name: "Save allowed destinations" }).click();
  await expect(admin.getByText('"not a host!" is not a host name, an IP address or a CIDR range')).toBeVisible();

  await list.fill(`127.0.0.1:${port}`);
  await admin.getByRole("button", { name: "Save allowed destinations" }).click();
  await expect(admin.getByRole("status").filter({ hasText: "Saved" })).toBeVisible();
  await admin.getByRole("button", { name: /Add webhook/ }).click();
  await expect(admin.getByRole("list", { name: "Webhooks" }).getByRole("listitem", { name })).toBeVisible();

  const viewer = await pageAs("Vic Viewer");
  await viewer.goto("/teams/acme/webhooks");
  await expect(viewer.getByRole("list", { name: "Webhooks" }).getByRole("listitem", { name })).toBeVisible();
  await expect(viewer.getByLabel("Allowed internal destinations")).toHaveCount(0);
});
