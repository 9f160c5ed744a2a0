import { z } from "zod";
import { ROLES } from "@/lib/domain/roles";

export const memberEmailSchema = z
  .string({ error: "Email is required" })
  .trim()
  .toLowerCase()
  .min(1, "Email is required")
  .max(254, "Email must be at most 254 characters")
  .pipe(z.email({ error: "Enter an email address like name@example.com" }));

export const memberNameSchema = z.string().trim().max(80, "Name must be at most 80 characters");

export const roleSchema = z.enum(ROLES, { error: `Role must be one of ${ROLES.join(", ")}` });

export const membershipIdSchema = z.string({ error: "Member is required" }).trim().min(1, "Member is required").max(64);
