"""Settings read from the environment, and the deployment's start-up checks."""
