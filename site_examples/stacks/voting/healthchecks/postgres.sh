#!/bin/sh
pg_isready -U postgres
