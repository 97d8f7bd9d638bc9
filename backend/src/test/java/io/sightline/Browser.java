package io.sightline;

import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.ColorScheme;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The headless Chromium the build fetched (npm's {@code @sparticuz/chromium}, see
 * {@code src/build/fetch-chromium.sh}) driven by Playwright, one fresh profile per instance. Playwright
 * is told never to download a browser. Screenshots go to {@code target/screenshots/} as build output.
 */
public final class Browser implements AutoCloseable {

    private static final Path CHROMIUM = cachedChromium();

    // One process (its zygote hangs without a sandbox) with software GL; nothing reaches for the network.
    private static final List<String> ARGS = List.of(
            "--headless=shell",
            "--no-sandbox",
            "--no-zygote",
            "--single-process",
            "--in-process-gpu",
            "--use-gl=angle",
            "--use-angle=swiftshader",
            "--enable-unsafe-swiftshader",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-dev-shm-usage");

    private final Playwright playwright;
    private final Page page;
    private final String base;
    private final List<String> consoleErrors = new CopyOnWriteArrayList<>();

    public Browser(int port) {
        this.playwright = Playwright.create(
                new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        Path home = CHROMIUM.getParent();
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("LD_LIBRARY_PATH", home.resolve("lib") + ":" + home);
        env.put("FONTCONFIG_PATH", home.toString());
        this.page = playwright
                .chromium()
                .launch(new BrowserType.LaunchOptions()
                        .setExecutablePath(CHROMIUM)
                        .setArgs(ARGS)
                        .setEnv(env)
                        .setChromiumSandbox(false))
                .newPage();
        // Chromium logs a CSP violation as a console error, so this catches those too.
        page.onConsoleMessage(message -> {
            if (message.type().equals("error")) {
                consoleErrors.add(message.text());
            }
        });
        page.onPageError(consoleErrors::add);
        page.setViewportSize(1400, 900);
        page.setDefaultTimeout(10_000);
        this.base = "http://localhost:" + port;
    }

    public Page page() {
        return page;
    }

    /** The first element {@code css} matches. */
    public Locator find(String css) {
        return page.locator(css).first();
    }

    /** Every element {@code css} matches now. */
    public List<Locator> findAll(String css) {
        return page.locator(css).all();
    }

    public Browser open(String path) {
        page.navigate(base + path);
        return this;
    }

    /** Opens a trace's page and waits until its script has drawn the waterfall. */
    public Browser openTrace(String traceId) {
        open("/traces/" + traceId);
        find(".waterfall[data-ready-ms]").waitFor();
        return this;
    }

    /** Console errors, uncaught script errors and CSP violations since this browser started. */
    public List<String> consoleErrors() {
        return List.copyOf(consoleErrors);
    }

    public Browser signIn(String username, String password) {
        open("/login");
        find("[name=username]").fill(username);
        find("[name=password]").fill(password);
        clickAndWait(find("button[type=submit]"));
        return this;
    }

    /** Clicks something that loads a new page and waits until it has, so nothing is read off the old one. */
    public Browser clickAndWait(Locator element) {
        page.evaluate("() => window.sightlineOldPage = true");
        element.click();
        // The marker lives in the old document's window only; Playwright re-runs the check in the new one.
        page.waitForFunction("() => !window.sightlineOldPage");
        page.waitForLoadState();
        return this;
    }

    /** The rendered text of the first element {@code css} matches. */
    public String text(String css) {
        return find(css).innerText();
    }

    public String path() {
        return page.url().substring(base.length());
    }

    public void screenshot(String name) {
        page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target", "screenshots", name + ".png")));
    }

    /** The whole page, not just the viewport, as {@code target/screenshots/<name>.png}. */
    public void fullPageScreenshot(String name) {
        page.screenshot(new Page.ScreenshotOptions()
                .setFullPage(true)
                .setPath(Path.of("target", "screenshots", name + ".png")));
    }

    /** Renders as a system set to {@code scheme} would ({@code prefers-color-scheme}). */
    public Browser colorScheme(ColorScheme scheme) {
        page.emulateMedia(new Page.EmulateMediaOptions().setColorScheme(scheme));
        return this;
    }

    /**
     * Runs {@code script} in every document this page loads from now on, before the document's own
     * scripts. Playwright injects it through the DevTools protocol, so the pages' CSP does not apply.
     */
    public Browser addInitScript(String script) {
        page.addInitScript(script);
        return this;
    }

    @Override
    public void close() {
        playwright.close();
    }

    private static Path cachedChromium() {
        String version = System.getProperty("sightline.chromium.version");
        if (version == null) {
            throw new IllegalStateException("sightline.chromium.version is not set; run page tests through Maven");
        }
        String cache = System.getenv("XDG_CACHE_HOME");
        Path root =
                cache == null || cache.isBlank() ? Path.of(System.getProperty("user.home"), ".cache") : Path.of(cache);
        Path chromium =
                root.resolve("sightline").resolve("chromium").resolve(version).resolve("chromium");
        if (!Files.isExecutable(chromium)) {
            throw new IllegalStateException("No Chromium at " + chromium + "; fetch-chromium.sh puts it there");
        }
        return chromium;
    }
}
