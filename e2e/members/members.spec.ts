import type { Page } from "@playwright/test";
import { expect, test } from "../support/fixtures";

// The demo team is shared with other specs: members added here get unique emails and are
// removed again; seeded users' roles are never changed.

const MEMBERS = "/teams/acme/members";

function row(page: Page, email: string) {
  return page.locator(`[data-testid="member-row"][data-email="${email}"]`);
}

async function addMember(page: Page, email: string, name: string, role: string) {
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Name (optional)").fill(name);
  await page.getByLabel("Role", { exact: true }).selectOption(role);
  await page.getByRole("button", { name: "Add member" }).click();
  await expect(page.getByRole("status")).toContainText(`Added ${name} (${email}) as ${role}`);
  await expect(row(page, email)).toBeVisible();
}

async function removeMember(page: Page, email: string, name: string) {
  await row(page, email)
    .getByRole("button", { name: `Remove ${name}` })
    .click();
  const dialog = page.getByRole("dialog", { name: `Remove ${name} from Acme Shop?` });
  await expect(dialog).toContainText("loses access to this team at once");
  await dialog.getByRole("button", { name: "Remove" }).click();
  await expect(row(page, email)).toHaveCount(0);
}

test("an admin adds a member by email, changes their role after seeing old → new, and removes them", async ({
  pageAs,
  uniqueKey,
}) => {
  const page = await pageAs("Ada Admin");
  await page.goto(MEMBERS);
  const key = uniqueKey("zoe");
  const email = `${key}@Example.test`.toLowerCase();
  const name = `Zoe ${key}`;

  await page.getByLabel("Role", { exact: true }).selectOption("approver");
  await expect(page.getByTestId("role-description")).toContainText("approves other people's change requests");
  await addMember(page, email, name, "editor");
  await expect(page.getByRole("status")).toContainText("they'll see the team on their first sign-in");

  const roleSelect = row(page, email).getByRole("combobox", { name: `Role of ${name}` });
  await expect(roleSelect).toHaveValue("editor");
  await roleSelect.selectOption("viewer");
  // Nothing is saved until Save: the row says what will change.
  await expect(row(page, email).getByTestId("role-change-preview")).toContainText("Editor → Viewer");
  await row(page, email).getByRole("button", { name: "Save role" }).click();
  await expect(row(page, email).getByTestId("role-change-preview")).toHaveCount(0);
  await page.reload();
  await expect(row(page, email).getByRole("combobox", { name: `Role of ${name}` })).toHaveValue("viewer");

  await page.goto("/teams/acme/audit");
  await expect(page.getByText(`Changed ${name}'s role: editor → viewer`)).toBeVisible();
  await expect(page.getByText(`Added ${name} (${email}) as editor`)).toBeVisible();

  await page.goto(MEMBERS);
  await removeMember(page, email, name);
});

test("adding someone who is already a member is refused on the email field", async ({ pageAs }) => {
  const page = await pageAs("Ada Admin");
  await page.goto(MEMBERS);
  await page.getByLabel("Email").fill("Erin@Acme.test");
  await page.getByRole("button", { name: "Add member" }).click();
  await expect(page.locator("#member-email-error")).toHaveText(
    "Erin Editor (erin@acme.test) is already a member, as editor",
  );
  await page.getByLabel("Email").fill("not an email");
  await page.getByRole("button", { name: "Add member" }).click();
  await expect(page.locator("#member-email-error")).toContainText("Enter an email address");
});

test("the only admin can't demote themselves or leave: the controls are disabled with the reason", async ({
  pageAs,
}) => {
  const page = await pageAs("Ada Admin");
  await page.goto(MEMBERS);
  const own = row(page, "ada@acme.test");
  await expect(own).toContainText("(you)");
  await expect(own.getByRole("combobox", { name: "Role of Ada Admin" })).toBeDisabled();
  await expect(own.getByRole("button", { name: "Leave Acme Shop" })).toBeDisabled();
  await expect(own).toContainText(
    "You are the only admin: make someone else admin before changing your role or leaving.",
  );
  // Other members' controls are live.
  await expect(row(page, "erin@acme.test").getByRole("combobox", { name: "Role of Erin Editor" })).toBeEnabled();
});

test("a viewer sees the members read-only, with their own role explained", async ({ pageAs }) => {
  const page = await pageAs("Vic Viewer");
  await page.goto(MEMBERS);
  await expect(page.getByRole("heading", { name: "Members" })).toBeVisible();
  await expect(page.getByTestId("your-role")).toContainText("Your role: Viewer");
  await expect(page.getByTestId("your-role")).toContainText("Only admins add members or change roles; ask Ada Admin");
  await expect(row(page, "ada@acme.test").getByTestId("member-role")).toHaveText("Admin");
  await expect(row(page, "vic@acme.test")).toContainText("(you)");
  await expect(page.getByRole("button", { name: "Add member" })).toHaveCount(0);
  const main = page.getByRole("main");
  await expect(main.getByRole("combobox")).toHaveCount(0);
  await expect(main.getByRole("button", { name: /^(Remove|Leave)/ })).toHaveCount(0);
});

test("a viewer replaying an admin's server action is refused by the server, and nothing changes", async ({
  pageAs,
  uniqueKey,
}) => {
  const admin = await pageAs("Ada Admin");
  await admin.goto(MEMBERS);
  const key = uniqueKey("forged");
  const email = `${key}@example.test`;
  const name = `Zed ${key}`;
  await addMember(admin, email, name, "viewer");

  // Capture what the page sends for a role change (the action id and its encoded arguments).
  await row(admin, email)
    .getByRole("combobox", { name: `Role of ${name}` })
    .selectOption("editor");
  const [request] = await Promise.all([
    admin.waitForRequest((r) => r.method() === "POST" && r.headers()["next-action"] !== undefined),
    row(admin, email).getByRole("button", { name: "Save role" }).click(),
  ]);
  await expect(row(admin, email).getByTestId("role-change-preview")).toHaveCount(0);
  const body = request.postData() ?? "";
  expect(body).toContain('"expectedRole":"viewer"');

  const viewer = await pageAs("Vic Viewer");
  await viewer.goto(MEMBERS);
  const headers = Object.fromEntries(
    Object.entries(request.headers()).filter(([h]) => !["cookie", "content-length", "host"].includes(h.toLowerCase())),
  );
  const response = await viewer.request.post(request.url(), {
    headers,
    data: body
      .replace('"role":"editor"', '"role":"admin"')
      .replace('"expectedRole":"viewer"', '"expectedRole":"editor"'),
  });
  const text = await response.text();
  expect(text).toContain('"code":"forbidden"');
  expect(text).toContain("You are a viewer in Acme Shop");

  await admin.reload();
  await expect(row(admin, email).getByRole("combobox", { name: `Role of ${name}` })).toHaveValue("editor");
  await removeMember(admin, email, name);
});
