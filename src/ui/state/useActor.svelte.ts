// A runes adapter over an XState actor (instead of @xstate/svelte, which is built on Svelte 4
// stores): the snapshot is `$state.raw` (snapshots are immutable), replaced on every change.
import type { Actor, AnyActorLogic, SnapshotFrom, EventFromLogic } from 'xstate';

export class ActorState<TLogic extends AnyActorLogic> {
  #actor: Actor<TLogic>;
  #unsubscribe: () => void;
  snapshot: SnapshotFrom<TLogic> = $state.raw() as SnapshotFrom<TLogic>;

  constructor(actor: Actor<TLogic>) {
    this.#actor = actor;
    this.snapshot = actor.getSnapshot();
    const subscription = actor.subscribe((next) => {
      this.snapshot = next;
    });
    this.#unsubscribe = () => subscription.unsubscribe();
    actor.start();
    this.snapshot = actor.getSnapshot();
  }

  get actor(): Actor<TLogic> {
    return this.#actor;
  }

  send = (event: EventFromLogic<TLogic>): void => {
    this.#actor.send(event);
  };

  /** Stops the actor and the subscription; call from the owner's teardown. */
  stop(): void {
    this.#unsubscribe();
    this.#actor.stop();
  }
}
