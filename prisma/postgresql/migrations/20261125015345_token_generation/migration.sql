-- CreateTable
CREATE TABLE "TokenGeneration" (
    "id" INTEGER NOT NULL,
    "value" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "TokenGeneration_pkey" PRIMARY KEY ("id")
);


-- The one row gateways read (src/store/token-cache.ts).
INSERT INTO "TokenGeneration" ("id", "value") VALUES (1, 0);

-- Any change to a Token row that can change an authentication decision raises the value, in
-- the same transaction as the change: gateways drop the token records they remember when it
-- moves. Only lastUsedAt/lastUsedIp (written by the gateway itself), name and createdAt are
-- left out of updates. Inserts count too: SQLite's INSERT OR REPLACE deletes the old row
-- without firing DELETE triggers. Gateways check that these triggers exist before they trust
-- the value (src/store/token-generation.ts).
CREATE FUNCTION "bump_token_generation"() RETURNS trigger AS $$
BEGIN
    UPDATE "TokenGeneration" SET "value" = "value" + 1 WHERE "id" = 1;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "Token_generation_on_update"
AFTER UPDATE OF "jti", "keyHash", "grant", "preset", "parentId", "ancestry", "ipAllowlist", "ratePerMinute", "ratePerDay", "expiresAt", "revokedAt", "revokedReason", "rotatedAt", "id" ON "Token"
FOR EACH STATEMENT EXECUTE FUNCTION "bump_token_generation"();

CREATE TRIGGER "Token_generation_on_delete"
AFTER DELETE ON "Token"
FOR EACH STATEMENT EXECUTE FUNCTION "bump_token_generation"();

CREATE TRIGGER "Token_generation_on_insert"
AFTER INSERT ON "Token"
FOR EACH STATEMENT EXECUTE FUNCTION "bump_token_generation"();

CREATE TRIGGER "Token_generation_on_truncate"
AFTER TRUNCATE ON "Token"
FOR EACH STATEMENT EXECUTE FUNCTION "bump_token_generation"();
