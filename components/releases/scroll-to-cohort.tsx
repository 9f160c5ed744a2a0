"use client";

import { useEffect } from "react";

/**
 * A link to a cohort's charts (#cohort-mobile, from the health strip or the team page) lands
 * before the charts have loaded, so the browser finds nothing to scroll to: wait for the panel
 * to appear, then scroll to it once.
 */
export function ScrollToCohort() {
  useEffect(() => {
    let observer: MutationObserver | null = null;
    function follow() {
      observer?.disconnect();
      const id = decodeURIComponent(window.location.hash.slice(1));
      if (!id.startsWith("cohort-")) return;
      const scroll = () => {
        const target = document.getElementById(id);
        if (!target) return false;
        target.scrollIntoView({ block: "start" });
        return true;
      };
      if (scroll()) return;
      observer = new MutationObserver(() => {
        if (scroll()) observer?.disconnect();
      });
      observer.observe(document.body, { childList: true, subtree: true });
    }
    follow();
    window.addEventListener("hashchange", follow);
    return () => {
      observer?.disconnect();
      window.removeEventListener("hashchange", follow);
    };
  }, []);
  return null;
}
