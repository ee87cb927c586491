package io.oven.workflows.registry;

/** A module of the Oven platform hosted by this service. */
public interface OvenModule {

    ModuleDescriptor descriptor();
}
