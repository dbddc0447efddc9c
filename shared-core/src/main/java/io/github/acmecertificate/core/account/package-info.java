/**
 * Accounts: finding or registering the ACME account, and external account binding.
 */
package io.github.acmecertificate.core.account;
