/** The maps module: tiles, world configs (one active), maps and their chunks. */
package io.oven.workflows.modules.maps;
