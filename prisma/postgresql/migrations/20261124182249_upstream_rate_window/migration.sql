-- CreateTable
CREATE TABLE "UpstreamRateWindow" (
    "key" TEXT NOT NULL,
    "sent" TEXT NOT NULL,
    "blockedUntil" BIGINT NOT NULL,

    CONSTRAINT "UpstreamRateWindow_pkey" PRIMARY KEY ("key")
);

