import { defineConfig } from "vite";

// The build goes into the server package, which serves it at / with assets under /static-files/.
export default defineConfig({
  base: "/static-files/",
  oxc: {
    jsx: { runtime: "automatic", importSource: "preact" },
  },
  build: {
    outDir: "../server/trackline_server/ui_dist",
    emptyOutDir: true,
    assetsDir: "assets",
    target: "es2022",
    sourcemap: false,
    reportCompressedSize: true,
  },
});
