// Password hashing with node:crypto's scrypt (memory-hard): N = 2^15, r = 8, p = 1 (32 MiB per
// hash), a random 16-byte salt, a 32-byte key, stored with its parameters so they can be raised
// later without invalidating older hashes: `scrypt$N$r$p$salt$key` (salt and key in base64url).
import { randomBytes, scrypt, timingSafeEqual } from "node:crypto";

/** The scrypt parameters new hashes use. */
export const SCRYPT_PARAMETERS = { N: 2 ** 15, r: 8, p: 1, keyLength: 32 } as const;

function derive(
  password: string,
  salt: Buffer,
  N: number,
  r: number,
  p: number,
  keyLength: number,
) {
  return new Promise<Buffer>((resolve, reject) =>
    scrypt(
      password.normalize("NFC"),
      salt,
      keyLength,
      { N, r, p, maxmem: 256 * N * r + 1024 * 1024 },
      (error, key) => (error === null ? resolve(key) : reject(error)),
    ),
  );
}

/**
 * Hashes a password for storage.
 *
 * @example
 * ```ts
 * const stored = await hashPassword("correct horse battery staple"); // "scrypt$32768$8$1$…$…"
 * ```
 */
export async function hashPassword(password: string): Promise<string> {
  const { N, r, p, keyLength } = SCRYPT_PARAMETERS;
  const salt = randomBytes(16);
  const key = await derive(password, salt, N, r, p, keyLength);
  return `scrypt$${N}$${r}$${p}$${salt.toString("base64url")}$${key.toString("base64url")}`;
}

/**
 * Checks a password against a stored hash in constant time; false for a malformed hash.
 *
 * @example
 * ```ts
 * await verifyPassword("secret", await hashPassword("secret")); // true
 * ```
 */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split("$");
  if (parts.length !== 6 || parts[0] !== "scrypt") return false;
  const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  if (![N, r, p].every(Number.isSafeInteger) || N < 2 ** 14 || N > 2 ** 20) return false;
  const salt = Buffer.from(parts[4] ?? "", "base64url");
  const expected = Buffer.from(parts[5] ?? "", "base64url");
  if (expected.length < 16) return false;
  const key = await derive(password, salt, N, r, p, expected.length);
  return timingSafeEqual(key, expected);
}

let dummy: Promise<string> | undefined;

/**
 * Spends the time of one verification when there is no account to check, so the answer to an
 * unknown address takes as long as the answer to a wrong password.
 *
 * @example
 * ```ts
 * if (user === undefined) await verifyNothing("typed password");
 * ```
 */
export async function verifyNothing(password: string): Promise<void> {
  dummy ??= hashPassword(randomBytes(16).toString("hex"));
  await verifyPassword(password, await dummy);
}
