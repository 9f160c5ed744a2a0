"use client";

import * as Slider from "@radix-ui/react-slider";
import clsx from "clsx";
import { useState, type KeyboardEvent } from "react";
import { formatBasisPoints, parsePercentInput } from "@/lib/domain/percent";

type Props = {
  label: string;
  value: number;
  onChange: (basisPoints: number) => void;
  disabled?: boolean;
  /** Drawn lighter: the value is inherited, not set. */
  inherited?: boolean;
};

const STEPS: Record<string, number> = {
  ArrowRight: 100,
  ArrowUp: 100,
  ArrowLeft: -100,
  ArrowDown: -100,
  PageUp: 1000,
  PageDown: -1000,
};

/**
 * 0–100% in basis points. Dragging moves in 0.1% steps; arrows move 1% (0.1% with Shift),
 * Page Up/Down 10%, Home/End to the ends; the box takes a typed value like 12.5.
 */
export function PercentSlider({ label, value, onChange, disabled, inherited }: Props) {
  // While the box is being typed in it holds the text; otherwise it shows the value.
  const [typed, setTyped] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const text = typed ?? formatBasisPoints(value).replace("%", "");

  function onKeyDown(event: KeyboardEvent) {
    let next: number | null = null;
    if (event.key in STEPS)
      next =
        value +
        (event.shiftKey && event.key.startsWith("Arrow") ? Math.sign(STEPS[event.key]!) * 10 : STEPS[event.key]!);
    if (event.key === "Home") next = 0;
    if (event.key === "End") next = 10_000;
    if (next === null) return;
    // Radix skips its own handling when the event is already handled.
    event.preventDefault();
    setError(null);
    onChange(Math.min(10_000, Math.max(0, next)));
  }

  function commitText() {
    if (typed === null) return;
    const parsed = parsePercentInput(typed);
    if (!parsed.ok) {
      setError(parsed.error);
      return;
    }
    setError(null);
    setTyped(null);
    onChange(parsed.basisPoints);
  }

  return (
    <div className="flex items-center gap-3">
      <Slider.Root
        className="relative flex h-6 min-w-0 flex-1 touch-none select-none items-center data-[disabled]:opacity-60"
        min={0}
        max={10_000}
        step={10}
        value={[value]}
        disabled={disabled}
        onValueChange={([v]) => {
          if (v === undefined) return;
          setTyped(null);
          setError(null);
          onChange(v);
        }}
        onKeyDown={onKeyDown}
      >
        <Slider.Track className="relative h-2 grow overflow-hidden rounded-full bg-zinc-200 dark:bg-zinc-800">
          <Slider.Range className={clsx("absolute h-full", inherited ? "bg-brand-500/35" : "bg-brand-500")} />
        </Slider.Track>
        <Slider.Thumb
          aria-label={label}
          aria-valuetext={formatBasisPoints(value)}
          className={clsx(
            "block size-5 cursor-grab rounded-full border-2 bg-white shadow transition-transform active:cursor-grabbing active:scale-110 dark:bg-zinc-100",
            inherited ? "border-brand-500/50" : "border-brand-600",
          )}
        />
      </Slider.Root>
      <div className="w-24 shrink-0">
        <div className="relative">
          <input
            aria-label={`${label} percentage`}
            aria-invalid={error ? true : undefined}
            className="input pr-6 text-right tabular-nums"
            inputMode="decimal"
            value={text}
            disabled={disabled}
            onChange={(e) => setTyped(e.target.value)}
            onBlur={commitText}
            onKeyDown={(e) => {
              if (e.key === "Enter") {
                e.preventDefault();
                commitText();
              }
            }}
          />
          <span aria-hidden className="muted pointer-events-none absolute right-2 top-1/2 -translate-y-1/2 text-sm">
            %
          </span>
        </div>
        {error && (
          <p role="alert" className="field-error text-xs">
            {error}
          </p>
        )}
      </div>
    </div>
  );
}
