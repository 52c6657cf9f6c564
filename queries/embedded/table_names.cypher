// name: table_names
// params: none
// purpose: The names of the store's node and relationship tables (a read-only open checks that the store has every table this version reads).
CALL show_tables() RETURN name
