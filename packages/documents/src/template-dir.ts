import { fileURLToPath } from "node:url";

/** The package's `templates` folder: beside `src` in the repository, beside `dist` when installed. */
export const TEMPLATE_DIR = fileURLToPath(new URL("../templates/", import.meta.url));
