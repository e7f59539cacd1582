#!/bin/sh
pg_isready
