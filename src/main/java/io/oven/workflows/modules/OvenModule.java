package io.oven.workflows.modules;

/** A module of the Oven platform hosted by this service. */
public interface OvenModule {

    ModuleDescriptor descriptor();
}
