/** The positions module: map assignments, recorded positions and visited chunks of players. */
package io.oven.workflows.modules.positions;
