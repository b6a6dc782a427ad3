-- CreateTable
CREATE TABLE "BunqServerKey" (
    "id" TEXT NOT NULL,
    "publicKeyPem" TEXT NOT NULL,
    "privateKeyCipher" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "BunqServerKey_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ClientInstallation" (
    "id" SERIAL NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "clientPublicKeyPem" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ClientInstallation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ClientDevice" (
    "id" SERIAL NOT NULL,
    "installationId" INTEGER NOT NULL,
    "tokenId" TEXT NOT NULL,
    "secretHash" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "permittedIps" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ClientDevice_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ClientSession" (
    "id" SERIAL NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "installationId" INTEGER NOT NULL,
    "deviceId" INTEGER NOT NULL,
    "tokenId" TEXT NOT NULL,
    "secretHash" TEXT NOT NULL,
    "timeoutSeconds" INTEGER NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ClientSession_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AdminCredential" (
    "id" TEXT NOT NULL,
    "secretHash" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AdminCredential_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AdminSession" (
    "idHash" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AdminSession_pkey" PRIMARY KEY ("idHash")
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

-- CreateIndex
CREATE INDEX "AdminSession_expiresAt_idx" ON "AdminSession"("expiresAt");

-- AddForeignKey
ALTER TABLE "ClientDevice" ADD CONSTRAINT "ClientDevice_installationId_fkey" FOREIGN KEY ("installationId") REFERENCES "ClientInstallation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ClientSession" ADD CONSTRAINT "ClientSession_installationId_fkey" FOREIGN KEY ("installationId") REFERENCES "ClientInstallation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ClientSession" ADD CONSTRAINT "ClientSession_deviceId_fkey" FOREIGN KEY ("deviceId") REFERENCES "ClientDevice"("id") ON DELETE CASCADE ON UPDATE CASCADE;

