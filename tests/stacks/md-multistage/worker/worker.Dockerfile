FROM python:3.12-slim
RUN <<EOT
pip install rq
EOT
COPY worker.py /app/
CMD ["python", "/app/worker.py"]
