-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "BunqContext" (
    "id" TEXT NOT NULL,
    "baseUrl" TEXT NOT NULL,
    "apiKeyCipher" TEXT NOT NULL,
    "apiKeyFingerprint" TEXT NOT NULL,
    "clientPrivateKeyCipher" TEXT NOT NULL,
    "clientPublicKeyPem" TEXT NOT NULL,
    "installationId" INTEGER NOT NULL,
    "installationTokenCipher" TEXT NOT NULL,
    "serverPublicKeyPem" TEXT NOT NULL,
    "deviceServerId" INTEGER NOT NULL,
    "sessionId" INTEGER,
    "sessionTokenCipher" TEXT,
    "sessionExpiresAt" TIMESTAMP(3),
    "sessionTimeoutSeconds" INTEGER,
    "bunqUserId" INTEGER,
    "bunqUserType" TEXT,
    "bunqUserDisplayName" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "BunqContext_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SigningKey" (
    "kid" TEXT NOT NULL,
    "alg" TEXT NOT NULL,
    "privateJwkCipher" TEXT NOT NULL,
    "publicJwk" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "retiredAt" TIMESTAMP(3),

    CONSTRAINT "SigningKey_pkey" PRIMARY KEY ("kid")
);

-- CreateTable
CREATE TABLE "Token" (
    "id" TEXT NOT NULL,
    "jti" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "grant" TEXT NOT NULL,
    "preset" TEXT,
    "parentId" TEXT,
    "ancestry" TEXT NOT NULL DEFAULT '[]',
    "keyHash" TEXT,
    "ipAllowlist" TEXT NOT NULL DEFAULT '[]',
    "ratePerMinute" INTEGER,
    "ratePerDay" INTEGER,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "revokedAt" TIMESTAMP(3),
    "revokedReason" TEXT,
    "rotatedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" TIMESTAMP(3),
    "lastUsedIp" TEXT,

    CONSTRAINT "Token_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SpendEntry" (
    "id" TEXT NOT NULL,
    "tokenId" TEXT NOT NULL,
    "monetaryAccountId" INTEGER NOT NULL,
    "amountMinor" BIGINT NOT NULL,
    "currency" TEXT NOT NULL,
    "counterpartyIban" TEXT,
    "mode" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "clientRequestId" TEXT NOT NULL,
    "bunqObjectId" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "settledAt" TIMESTAMP(3),

    CONSTRAINT "SpendEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SpendCharge" (
    "entryId" TEXT NOT NULL,
    "tokenId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SpendCharge_pkey" PRIMARY KEY ("entryId","tokenId")
);

-- CreateTable
CREATE TABLE "OwnedObject" (
    "kind" TEXT NOT NULL,
    "bunqId" INTEGER NOT NULL,
    "tokenId" TEXT NOT NULL,
    "monetaryAccountId" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OwnedObject_pkey" PRIMARY KEY ("kind","bunqId")
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" SERIAL NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "requestId" TEXT NOT NULL,
    "tokenId" TEXT,
    "method" TEXT NOT NULL,
    "endpoint" TEXT NOT NULL,
    "monetaryAccountId" INTEGER,
    "amountMinor" BIGINT,
    "currency" TEXT,
    "counterpartyIban" TEXT,
    "decision" TEXT NOT NULL,
    "reasonId" TEXT NOT NULL,
    "status" INTEGER NOT NULL,
    "upstreamStatus" INTEGER,
    "durationMs" INTEGER,
    "clientIp" TEXT,

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Token_jti_key" ON "Token"("jti");

-- CreateIndex
CREATE UNIQUE INDEX "Token_keyHash_key" ON "Token"("keyHash");

-- CreateIndex
CREATE INDEX "Token_parentId_idx" ON "Token"("parentId");

-- CreateIndex
CREATE UNIQUE INDEX "SpendEntry_clientRequestId_key" ON "SpendEntry"("clientRequestId");

-- CreateIndex
CREATE INDEX "SpendEntry_status_idx" ON "SpendEntry"("status");

-- CreateIndex
CREATE INDEX "SpendCharge_tokenId_createdAt_idx" ON "SpendCharge"("tokenId", "createdAt");

-- CreateIndex
CREATE INDEX "OwnedObject_tokenId_kind_idx" ON "OwnedObject"("tokenId", "kind");

-- CreateIndex
CREATE INDEX "AuditEvent_tokenId_at_idx" ON "AuditEvent"("tokenId", "at");

-- CreateIndex
CREATE INDEX "AuditEvent_at_idx" ON "AuditEvent"("at");

-- AddForeignKey
ALTER TABLE "Token" ADD CONSTRAINT "Token_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Token"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SpendCharge" ADD CONSTRAINT "SpendCharge_entryId_fkey" FOREIGN KEY ("entryId") REFERENCES "SpendEntry"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SpendCharge" ADD CONSTRAINT "SpendCharge_tokenId_fkey" FOREIGN KEY ("tokenId") REFERENCES "Token"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OwnedObject" ADD CONSTRAINT "OwnedObject_tokenId_fkey" FOREIGN KEY ("tokenId") REFERENCES "Token"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

