// survey-pdf for the PDF benchmark, resolved against the survey-core version it was released with.
export * from 'survey-pdf';
