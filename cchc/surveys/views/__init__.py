"""Pages of the surveys app: staff pages (instruments, campaigns, paper entry) and the public form."""
