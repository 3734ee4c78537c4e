-- segments extension install script, assembled by the Makefile from the topic
-- files in extension/ in name order.

\echo Use "CREATE EXTENSION segments" to load this file. \quit
