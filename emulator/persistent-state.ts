import { JwtSigner } from "./jwt-signer";
import { readStateFile, StateFileError, writeStateFile } from "./state-file";
import { TokenService } from "./token-service";
import type { EmulatorSeed } from "./types";
import { UserStore } from "./user-store";

/** The parts of an emulator that a state file keeps across restarts. */
export interface RestorableState {
  signer: JwtSigner;
  store: UserStore;
  tokens: TokenService;
}

/**
 * Builds the signing key, users and token service. Without `stateFile` they start from `seed`. With
 * it, an existing file is loaded and the seed is ignored, or a missing file is created from the seed.
 * The file is then rewritten after every password change and refresh token exchange.
 */
export async function openState(seed: EmulatorSeed, now: () => number, stateFile: string | undefined, log: (line: string) => void): Promise<RestorableState> {
  const saved = stateFile === undefined ? undefined : readStateFile(stateFile);

  let state: RestorableState;
  if (saved === undefined) {
    const signer = await JwtSigner.generate();
    state = { signer, store: await UserStore.fromSeed(seed), tokens: new TokenService(signer, now) };
  } else {
    const signer = await loadSigner(saved.signingKey, stateFile as string);
    state = { signer, store: UserStore.fromSnapshot(saved), tokens: new TokenService(signer, now, saved.usedRefreshTokens) };
    log(`state: loaded ${saved.users.length} users from ${stateFile}, the seed is ignored`);
  }

  if (stateFile !== undefined) {
    const save = () =>
      writeStateFile(stateFile, {
        signingKey: state.signer.privateKeyPem,
        ...state.store.snapshot(),
        usedRefreshTokens: state.tokens.usedRefreshTokens(),
      });
    state.store.onChange = save;
    state.tokens.onChange = save;
    save();
  }

  return state;
}

async function loadSigner(signingKey: string, stateFile: string): Promise<JwtSigner> {
  try {
    return await JwtSigner.fromPrivateKeyPem(signingKey);
  } catch {
    // The cause is left out: it could quote part of the key.
    throw new StateFileError(`Invalid emulator state file ${stateFile}: signingKey is not an RSA private key in PKCS #8 PEM form. Delete the file to start again from the seed.`);
  }
}
