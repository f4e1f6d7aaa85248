"""What people read: pages' sections, charts, exports, the dossier and its PDF."""
