import { describe, expect, it } from "vitest";
import { nameFromEmail } from "./name-from-email";

describe("nameFromEmail", () => {
  it.each([
    ["zoe@example.com", "Zoe"],
    ["zoe.van-dyke@example.com", "Zoe Van Dyke"],
    ["j_smith+glidepath@example.com", "J Smith"],
    ["___@example.com", "___@example.com"],
  ])("%s → %s", (email, name) => {
    expect(nameFromEmail(email)).toBe(name);
  });
});
