#!/bin/sh
echo gamma
