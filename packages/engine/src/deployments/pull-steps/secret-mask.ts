/** Replaces known secrets (and their URL-encoded forms) in text with `***`. @internal */
export interface SecretMask {
  add(secret: string | undefined): void;
  apply(text: string): string;
}

/** A mask that hides every secret added to it. @internal */
export function createSecretMask(): SecretMask {
  const secrets = new Set<string>();
  return {
    add(secret) {
      // Very short values would mask ordinary words; a real credential is longer.
      if (!secret || secret.length < 3) return;
      secrets.add(secret);
      secrets.add(encodeURIComponent(secret));
    },
    apply(text) {
      let masked = text;
      // Longest first, so a secret containing another is masked whole.
      for (const secret of [...secrets].sort((a, b) => b.length - a.length)) {
        masked = masked.split(secret).join('***');
      }
      // Credentials in any URL (user:password@host) never show, known or not.
      return masked.replace(/(\b[a-z][a-z0-9+.-]*:\/\/)[^/@\s'"]+@/gi, '$1***@');
    },
  };
}
