package dev.easel.ui.endpoint;

import dev.easel.jobs.OwnedEndpoint;
import dev.easel.settings.EndpointProfile;
import dev.easel.settings.Secrets;
import dev.easel.settings.Settings;
import dev.easel.settings.SettingsStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.UnaryOperator;

/**
 * What the endpoint windows change beyond the panel: a wizard to deploy a new endpoint, the switch to the profile it
 * made, and deleting the studio's endpoint with its profile and key. Each runs on the I/O executor; the windows
 * say what happened.
 */
public final class EndpointLifeModel {

    private final OwnedEndpoint owned;
    private final EndpointProfile profile;
    private final SettingsStore store;
    private final Secrets secrets;
    private final Executor io;
    private final Executor fx;

    public EndpointLifeModel(OwnedEndpoint owned, EndpointProfile profile, SettingsStore store, Secrets secrets,
                             Executor io, Executor fx) {
        this.owned = owned;
        this.profile = profile;
        this.store = store;
        this.secrets = secrets;
        this.io = io;
        this.fx = fx;
    }

    public EndpointProfile profile() {
        return profile;
    }

    /** A fresh deploy wizard, on this endpoint's account. */
    public DeployModel deploy() {
        return new DeployModel(owned.account(), profile, store, secrets, io, fx);
    }

    /** Makes the profile of this id the active one, saved. */
    public CompletableFuture<Void> use(String profileId) {
        return CompletableFuture.runAsync(() -> update(s -> s.withActive(profileId)), io);
    }

    /**
     * Deletes the endpoint on the account, then its profile and key. A keep-warm spell is ended first (nothing to
     * give back to a deleted endpoint, and nothing to restore at the next start).
     */
    public CompletableFuture<Void> delete() {
        return CompletableFuture.runAsync(() -> {
            try {
                owned.warm().end(owned.account());
            } catch (RuntimeException gone) {
                // the delete below is what matters; the spell's journal is cleared when the endpoint is found gone
            }
            owned.account().delete(owned.endpointId());
            update(s -> s.withoutProfile(profile.id()));
            try {
                secrets.store().delete(profile.id());
            } catch (Exception keyStays) {
                throw new CompletionException(keyStays);
            }
        }, io);
    }

    private void update(UnaryOperator<Settings> change) {
        try {
            store.update(change);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
