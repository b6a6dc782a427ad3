-- CreateTable
CREATE TABLE "BunqServerKey" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "publicKeyPem" TEXT NOT NULL,
    "privateKeyCipher" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "ClientInstallation" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "tokenHash" TEXT NOT NULL,
    "clientPublicKeyPem" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "ClientDevice" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "installationId" INTEGER NOT NULL,
    "tokenId" TEXT NOT NULL,
    "secretHash" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "permittedIps" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    CONSTRAINT "ClientDevice_installationId_fkey" FOREIGN KEY ("installationId") REFERENCES "ClientInstallation" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ClientSession" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "tokenHash" TEXT NOT NULL,
    "installationId" INTEGER NOT NULL,
    "deviceId" INTEGER NOT NULL,
    "tokenId" TEXT NOT NULL,
    "secretHash" TEXT NOT NULL,
    "timeoutSeconds" INTEGER NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "createdAt" DATETIME NOT NULL,
    CONSTRAINT "ClientSession_installationId_fkey" FOREIGN KEY ("installationId") REFERENCES "ClientInstallation" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ClientSession_deviceId_fkey" FOREIGN KEY ("deviceId") REFERENCES "ClientDevice" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "ClientInstallation_tokenHash_key" ON "ClientInstallation"("tokenHash");

-- CreateIndex
CREATE INDEX "ClientDevice_installationId_idx" ON "ClientDevice"("installationId");

-- CreateIndex
CREATE UNIQUE INDEX "ClientSession_tokenHash_key" ON "ClientSession"("tokenHash");

-- CreateIndex
CREATE INDEX "ClientSession_installationId_idx" ON "ClientSession"("installationId");

-- CreateIndex
CREATE INDEX "ClientSession_tokenId_idx" ON "ClientSession"("tokenId");

