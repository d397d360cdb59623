// The web page of `kamerzoek serve` in Debian's headless Chromium, driven by
// playwright-core: search, open a letter, follow a citation, filter by year, page, and
// a letter's markup shown as text. Run by the integration test
// `serve::the_web_page_works_in_a_real_browser`, which starts the server:
//
//   node tests/browser/web.mjs http://127.0.0.1:PORT/ SCREENSHOT_DIR
//
// Exits 1 at the first check that fails, saying which.
import { chromium } from "playwright-core";
import path from "node:path";

const [base, shots] = process.argv.slice(2);
if (!base || !shots) {
  console.error("usage: node web.mjs BASE_URL SCREENSHOT_DIR");
  process.exit(2);
}

let step = "starting Chromium";
function check(ok, what) {
  if (!ok) throw new Error(what);
  console.log("ok   " + what);
}

const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
let failed = false;
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });

  step = "search";
  await page.goto(base);
  await page.fill("#q", "reservisten");
  await page.keyboard.press("Enter");
  await page.waitForSelector(".hit");
  const total = await page.textContent("#total");
  check(/^\d+ letters?\b/.test(total), `the search says how many letters match (${total.trim()})`);
  check(await page.locator(".hit mark").count() > 0, "snippets mark the matched words");
  check(await page.locator(".facets").getByText("Year").count() === 1, "the facets show years");
  await page.screenshot({ path: path.join(shots, "search.png"), fullPage: true });

  step = "syntax help";
  await page.click("#syntax-toggle");
  check(await page.isVisible("#syntax"), "the query syntax is one click away");
  await page.click("#syntax-toggle");

  step = "open a letter";
  await page.click(".hit h3 a");
  await page.waitForSelector(".letter h1");
  check((await page.locator(".letter-text mark").count()) > 0, "the letter view marks the query's words in its text");
  check((await page.locator(".letter nav ol li").count()) > 1, "the letter view lists its sections");
  await page.screenshot({ path: path.join(shots, "letter.png"), fullPage: false });

  step = "follow a citation";
  await page.click(".citations a[href*='/cited/kst-33763-171']");
  await page.waitForSelector(".cited h1");
  const heading = await page.textContent(".cited h1");
  check(heading.includes("kst-33763-171"), `the cited-paper view names the paper (${heading})`);
  check((await page.locator(".cited blockquote").count()) > 0, "it quotes the citing sentences");
  check((await page.locator(".cited .tag").count()) > 0, "it says which letter answers the motion");
  await page.screenshot({ path: path.join(shots, "cited.png"), fullPage: true });

  step = "page through sections";
  const shown = (from) => page.waitForFunction((f) => document.querySelector("#total")?.textContent.includes(`; ${f}–`), from);
  await page.goto(base + "#/search?q=defensie&scope=sections");
  await shown(1);
  const first = await page.locator(".hit h3").first().textContent();
  await page.click("#next");
  await shown(11);
  check(page.url().includes("offset=10"), "the next page starts at hit 11");
  await page.click("#prev");
  await shown(1);
  check((await page.locator(".hit h3").first().textContent()) === first, "previous goes back to the first page");

  step = "filter by year";
  await page.goto(base + "#/search?q=defensie");
  await page.waitForSelector(".facets button");
  const year = (await page.locator(".facets ul").first().locator("button").first().textContent()).trim();
  await page.locator(".facets ul").first().locator("button").first().click();
  await page.waitForFunction((y) => location.hash.includes(`from=${y}-01-01`), year);
  await page.waitForSelector(".chip");
  const dates = await page.locator(".hit .meta").allTextContents();
  check(dates.length > 0 && dates.every((d) => d.startsWith(year) || d.startsWith("undated")), `filtering by ${year} leaves letters of ${year} (and undated ones)`);

  step = "a date range";
  await page.fill("#from", "2026-01-01");
  await page.fill("#to", "2026-12-31");
  await page.click(".dates button");
  await page.waitForFunction(() => location.hash.includes("from=2026-01-01") && location.hash.includes("to=2026-12-31"));
  await page.waitForFunction(() => [...document.querySelectorAll(".chip")].some((c) => c.textContent.includes("from 2026-01-01")));
  const ranged = await page.locator(".hit .meta").allTextContents();
  check(ranged.every((d) => d.startsWith("2026") || d.startsWith("undated")), "a date range typed in keeps letters of that range");

  step = "markup as text";
  await page.goto(base + "#/letter/markup_000?q=kazernes");
  await page.waitForSelector(".letter h1");
  const body = await page.textContent(".letter-text");
  check(body.includes("<script>window.pwned = 1</script>"), "markup in a letter shows as text");
  check(await page.evaluate(() => window.pwned === undefined), "and never runs");
  check((await page.locator(".letter-text script, .letter-text img").count()) === 0, "no element is made from a letter's text");

  step = "keyboard";
  await page.goto(base);
  await page.keyboard.press("/");
  check(await page.evaluate(() => document.activeElement.id === "q"), "`/` puts the cursor in the search box");

  step = "a phone";
  await page.setViewportSize({ width: 390, height: 800 });
  await page.goto(base + "#/search?q=reservisten");
  await page.waitForSelector(".hit");
  const wide = await page.evaluate(() => document.documentElement.scrollWidth);
  check(wide <= 390, `the results fit a phone's width (${wide} px)`);
  await page.screenshot({ path: path.join(shots, "phone.png"), fullPage: true });

  check(errors.length === 0, `no script errors (${errors.join("; ")})`);
} catch (e) {
  failed = true;
  console.error(`FAILED at ${step}: ${e.message}`);
} finally {
  await browser.close();
}
process.exit(failed ? 1 : 0);
