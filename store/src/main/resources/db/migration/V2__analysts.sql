-- The people who sign in to the console: a name and an Argon2id hash of their password (the
-- standard $argon2id$ string, salt and parameters included). No password is kept.
CREATE TABLE analyst (
    name          VARCHAR(100) PRIMARY KEY,
    password_hash VARCHAR(300) NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL
);
