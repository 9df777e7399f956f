import AxeBuilder from "@axe-core/playwright";
import type { Page } from "playwright-core";

/** What axe finds serious or critical, and any content outside a landmark ("region"). */
export async function accessibilityProblems(page: Page): Promise<string[]> {
  // Colours are read once every finite transition has ended (a scheme switch fades them).
  await page.evaluate(() =>
    Promise.all(
      window.document
        .getAnimations()
        .filter((animation) => animation.effect?.getComputedTiming().endTime !== Infinity)
        .map((animation) => animation.finished.catch(() => undefined)),
    ),
  );
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical" || v.id === "region")
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}
