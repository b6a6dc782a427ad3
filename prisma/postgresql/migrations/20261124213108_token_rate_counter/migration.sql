-- CreateTable
CREATE TABLE "TokenRateCounter" (
    "key" TEXT NOT NULL,
    "points" INTEGER NOT NULL,
    "expire" TIMESTAMP(3),

    CONSTRAINT "TokenRateCounter_pkey" PRIMARY KEY ("key")
);

