import react from "@vitejs/plugin-react";
import { type Plugin, defineConfig } from "vite";

/**
 * Lists every file of the build (the page, its scripts and styles, the database's worker) in
 * shell-files.json, which the service worker (public/sw.js) keeps so that the page loads offline.
 */
function shellFiles(): Plugin {
  return {
    name: "livetodos-shell-files",
    generateBundle(_options, bundle) {
      const emitted = Object.keys(bundle).filter((file) => !file.endsWith(".map") && file !== "index.html");
      const files = ["/", ...emitted.map((file) => `/${file}`), "/favicon.svg"];
      this.emitFile({ type: "asset", fileName: "shell-files.json", source: JSON.stringify(files) });
    },
  };
}

// The build lands in target/classes/static, so the Maven module's jar carries the page and
// Spring Boot serves it at "/". `npm run dev` proxies the API and /ws to a local server.
export default defineConfig({
  plugins: [react(), shellFiles()],
  // In `vite` dev, a pre-bundled copy of these would resolve the database worker's
  // new URL(…, import.meta.url) inside node_modules/.vite/deps, where the worker is not.
  optimizeDeps: {
    exclude: ["@tanstack/browser-db-sqlite-persistence", "@tanstack/db-sqlite-persistence-core", "@journeyapps/wa-sqlite"],
  },
  build: {
    outDir: "target/classes/static",
    emptyOutDir: true,
    sourcemap: true,
    // TanStack DB, React and zod make one ~700 kB chunk (~210 kB gzipped), loaded once and cached
    // for a year under its hashed name.
    chunkSizeWarningLimit: 800,
    rollupOptions: {
      // The page, and the one the issuer sends a silent renewal's hidden frame back to.
      input: { index: "index.html", silentRenew: "silent-renew.html" },
    },
  },
  server: {
    proxy: {
      "/api": "http://localhost:8080",
      "/config.json": "http://localhost:8080",
      "/ws": { target: "ws://localhost:8080", ws: true },
    },
  },
});
