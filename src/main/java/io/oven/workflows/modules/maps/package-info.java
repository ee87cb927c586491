/** The maps module: tiles, world configs, maps and chunks. Only its config schema exists so far. */
package io.oven.workflows.modules.maps;
