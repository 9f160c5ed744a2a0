import { ROLES, type Role } from "@/lib/domain/roles";
import { ROLE_LABELS } from "@/lib/members/role-descriptions";

type Props = {
  id: string;
  value: Role;
  onChange: (role: Role) => void;
  disabled?: boolean;
  label?: string;
  describedBy?: string;
  className?: string;
};

export function RoleSelect({ id, value, onChange, disabled, label, describedBy, className }: Props) {
  return (
    <select
      id={id}
      aria-label={label}
      aria-describedby={describedBy}
      className={className ?? "input"}
      value={value}
      disabled={disabled}
      onChange={(e) => onChange(e.target.value as Role)}
    >
      {ROLES.map((role) => (
        <option key={role} value={role}>
          {ROLE_LABELS[role]}
        </option>
      ))}
    </select>
  );
}
