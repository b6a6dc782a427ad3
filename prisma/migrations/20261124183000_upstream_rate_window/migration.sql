-- CreateTable
CREATE TABLE "UpstreamRateWindow" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "sent" TEXT NOT NULL,
    "blockedUntil" BIGINT NOT NULL
);

